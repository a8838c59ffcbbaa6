import type { ActionType } from './actionType';
import { aircall } from './aircall';
import { appointment } from './appointment';
import { callTransfer } from './callTransfer';
import { dataExtraction } from './dataExtraction';
import { sendEmail } from './sendEmail';
import { sendSms } from './sendSms';
import { sendWhatsApp } from './sendWhatsApp';
import { shopify } from './shopify';
import { webhook } from './webhook';

/** Every action type with a create page, by the `type` it sends. A new type: its module and one line here. */
export const actionTypes: Record<string, ActionType> = Object.fromEntries(
	[
		webhook,
		callTransfer,
		dataExtraction,
		sendEmail,
		appointment,
		shopify,
		aircall,
		sendSms,
		sendWhatsApp,
	].map((actionType) => [actionType.type, actionType]),
);

export type { ActionType };
