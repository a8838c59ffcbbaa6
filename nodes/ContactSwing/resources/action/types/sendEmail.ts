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
		text({
			name: 'emailTo',
			displayName: 'To',
			description: 'Recipient addresses, comma-separated',
			placeholder: 'e.g. sales@example.com',
			required: true,
		}),
		additionalFields([
			text({
				name: 'bcc',
				displayName: 'BCC',
				description: 'Blind-copy addresses, comma-separated',
			}),
			text({ name: 'body', displayName: 'Body', description: 'Message body; HTML is allowed' }),
			text({ name: 'cc', displayName: 'CC', description: 'Copy addresses, comma-separated' }),
			text({
				name: 'responseMessageContext',
				displayName: 'Response Message',
				description: 'What the agent says after sending',
			}),
			flag({
				name: 'sendStaticContent',
				displayName: 'Send Static Content',
				description: 'Whether the body is sent as written instead of generated',
			}),
			text({
				name: 'subject',
				displayName: 'Subject',
				description: 'Subject line',
				placeholder: 'e.g. Welcome to Contactswing',
			}),
			text({
				name: 'emailUserId',
				displayName: 'Sender User ID',
				description: 'ID of the user whose mailbox sends',
			}),
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
