import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/operations/runOptions';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http';
import type { OperationOption } from '../../shared/operations/registry';
import { actionIdFields } from './fields';
import { normaliseAction } from './normalise';
import { withoutTriggerSecret } from './triggerSecret';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get an agent action',
	description: 'Get one action by ID',
};

// Get Action: GET /v2/_actions/{action_id} (page actions-get-by-id; the path is the reference's best reading).

const properties = [...actionIdFields, optionsCollection([], { withBody: false })];

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['get'] } },
	properties,
);

export function getActionRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const action = new ItemReader(this, itemIndex, properties).idField('actionId');
	return {
		method: 'GET',
		path: `/v2/_actions/${encodeURIComponent(action.value)}`,
		idempotent: true,
		idField: action,
	};
}

// What people see: the Action Trigger's secret header, if any, redacted (its value stays in ContactSwing).
export const execute = sendOne(getActionRequest, (action) =>
	withoutTriggerSecret(normaliseAction(action)),
);
