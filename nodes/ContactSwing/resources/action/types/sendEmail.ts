import { compact } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, text } from './actionType';

/**
 * Send e-mail, type SEND_EMAIL (page `email`). Only send_static_contect (typo included) and
 * response_message_context are named on the page; to, user_id, cc, bcc, subject and body are the
 * reference's best reading of the field descriptions.
 */
export const sendEmail: ActionType = {
	type: 'SEND_EMAIL',
	descriptionRequired: true,
	fields: [
		text('emailTo', 'To', 'Recipient addresses, comma-separated', 'e.g. sales@example.com', true),
		additionalFields([
			text('bcc', 'BCC', 'Blind-copy addresses, comma-separated'),
			text('body', 'Body', 'Message body; HTML is allowed'),
			text('cc', 'CC', 'Copy addresses, comma-separated'),
			text('responseMessageContext', 'Response Message', 'What the agent says after sending'),
			flag(
				'sendStaticContent',
				'Send Static Content',
				'Whether the body is sent as written instead of generated',
			),
			text('subject', 'Subject', 'Subject line', 'e.g. Welcome to Contactswing'),
			text('emailUserId', 'Sender User ID', 'ID of the user whose mailbox sends'),
		]),
	],
	settings(read) {
		return {
			email: compact({
				to: read.text('emailTo', { required: true, trim: true }),
				user_id: read.text('additionalFields.emailUserId', { trim: true }),
				cc: read.text('additionalFields.cc', { trim: true }),
				bcc: read.text('additionalFields.bcc', { trim: true }),
				subject: read.text('additionalFields.subject'),
				body: read.text('additionalFields.body'),
				send_static_contect: read.boolean('additionalFields.sendStaticContent'),
				response_message_context: read.text('additionalFields.responseMessageContext'),
			}),
		};
	},
};
