import type { NodeOperationError } from 'n8n-workflow';

import type { ItemReader } from '../../../shared/input/itemReader';
import { itemSuffix } from '../../../shared/itemSuffix';
import { GuardrailRefusal } from '../../../shared/operations/hints';

/**
 * A guardrail's refusal: an ordinary item error naming the rule (what a model reads back in tool use); the
 * run sums refusals up in a hint (shared/operations/hints.ts).
 */
export function refusal(
	read: ItemReader,
	guardrail: string,
	message: string,
	description: string,
): NodeOperationError {
	return new GuardrailRefusal(
		read.ctx.node,
		`${message}${itemSuffix(read.itemIndex)}`,
		{ itemIndex: read.itemIndex, description },
		guardrail,
	);
}
