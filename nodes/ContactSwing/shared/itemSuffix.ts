/**
 * How every message names the input item it is about: " [item 3]" at its end (n8n counts items from 0, as
 * its own error output does); nothing for a message about the whole run.
 */
export function itemSuffix(itemIndex?: number): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}
