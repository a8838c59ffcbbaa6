import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ACTION_TRIGGER_HEADER } from '../ContactSwing/resources/action/triggerSecret';
import { actionIdOf, servedActions } from './lifecycle';
import { isSecret } from './secret';

/**
 * One call from ContactSwing's agent. A call without this trigger's secret header (compared in constant
 * time) is answered 401 and starts nothing, as n8n's Webhook node answers a failed authentication. A call
 * with it starts one execution with one item: what ContactSwing sent, as received (its payload is not
 * documented), without the secret, and the action's ID.
 */
export async function receiveCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const actionId = actionIdOf(this);
	const served = servedActions(this)[actionId];
	const headers = this.getHeaderData() as IDataObject;
	const secretKey = ACTION_TRIGGER_HEADER.toLowerCase();
	if (!served || !isSecret(headers[secretKey], served.secret)) {
		const response = this.getResponseObject();
		response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
		response.end('Authorization is required: only ContactSwing calls this trigger');
		return { noWebhookResponse: true };
	}
	const request = this.getRequestObject() as { body?: unknown; rawBody?: Buffer };
	// n8n parses JSON, form and text bodies; any other body is passed on as the text it is.
	const body =
		request.body !== undefined
			? this.getBodyData()
			: request.rawBody && request.rawBody.length > 0
				? request.rawBody.toString('utf8')
				: {};
	const rest = Object.fromEntries(Object.entries(headers).filter(([key]) => key !== secretKey));
	return {
		workflowData: [
			[{ json: { actionId, body, query: this.getQueryData() as IDataObject, headers: rest } }],
		],
	};
}
