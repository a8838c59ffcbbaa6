import { withApiLimits } from '../../shared/apiLimits';
import { resourceOperations } from '../../shared/operations/registry';
import * as createChatAgent from './createChatAgent';
import * as createEmailAgent from './createEmailAgent';
import * as createSmsAgent from './createSmsAgent';
import * as createVoiceAgent from './createVoiceAgent';
import * as createWhatsAppAgent from './createWhatsAppAgent';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
const registry = resourceOperations('agent', 'createSmsAgent', [
	createChatAgent,
	createEmailAgent,
	createSmsAgent,
	createVoiceAgent,
	createWhatsAppAgent,
]);

export const { operations } = registry;
export const description = withApiLimits(
	'agent',
	registry.description,
	"Creating an agent sends no message and places no call. ContactSwing's API can only create agents: it cannot get, list, update or delete one, or send a message itself.",
);
