import type { INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../shared/fields';
import { fieldError, readTextList } from '../../shared/fields';

export const urlsField: INodeProperties = {
	displayName: 'URLs',
	name: 'urls',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/faq, https://example.com/pricing',
	description: 'Web pages the knowledge base learns from, comma-separated or a list',
};

export function readUrls(ctx: ItemContext, value: unknown): string[] {
	return readTextList(ctx, 'URLs', value).map((url, position) => {
		if (!/^https?:\/\/[^\s/]+\.[^\s]*$/i.test(url) && !/^https?:\/\/localhost/i.test(url)) {
			throw fieldError(
				ctx,
				`URLs (entry ${position + 1})`,
				`must be a web address starting with http:// or https://, got "${url.slice(0, 60)}"`,
			);
		}
		return url;
	});
}
