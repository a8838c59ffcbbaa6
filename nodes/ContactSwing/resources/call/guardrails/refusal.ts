import { NodeOperationError } from 'n8n-workflow';

import type { ItemReader } from '../../../shared/input/itemReader';
import { itemSuffix } from '../../../shared/itemSuffix';

/** A guardrail's refusal: an ordinary item error naming the rule (what a model reads back in tool use). */
export function refusal(
	read: ItemReader,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(read.ctx.node, `${message}${itemSuffix(read.itemIndex)}`, {
		itemIndex: read.itemIndex,
		description,
	});
}
