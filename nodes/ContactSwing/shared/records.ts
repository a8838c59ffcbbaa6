/** What every ContactSwing list has in common, for the action node's lists, its pickers and the trigger. */

/** The most records a list page holds (per_page): the most the reference documents. */
export const MAX_PER_PAGE = 100;

/**
 * A record's ID as text, '' when it has none: IDs may be numbers or strings, and the create answer names
 * an action's ID action_id.
 */
export function recordId(record: Record<string, unknown>): string {
	const id = record.id ?? record.action_id;
	return id === undefined || id === null ? '' : String(id);
}
