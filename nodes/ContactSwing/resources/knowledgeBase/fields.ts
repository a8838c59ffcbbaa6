import type { INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../shared/input/rules';
import type { ItemReader } from '../../shared/input/itemReader';

export const urlsField: INodeProperties = {
	displayName: 'URLs',
	name: 'urls',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/faq, https://example.com/pricing',
	description: 'Web pages the knowledge base learns from, comma-separated or a list',
};

/** Web addresses from the URLs field at `path`, each checked and named by its position. */
export function readUrls(read: ItemReader, path: string): string[] {
	return read.textList(path).map((url, position) => {
		if (!/^https?:\/\/[^\s/]+\.[^\s]*$/i.test(url) && !/^https?:\/\/localhost/i.test(url)) {
			throw fieldError(
				read.ctx,
				`${read.label(path)} (entry ${position + 1})`,
				`must be a web address starting with http:// or https://, got "${url.slice(0, 60)}"`,
			);
		}
		return url;
	});
}
