import { resourceOperations } from '../../shared/operations/registry';
import * as createChatAgent from './createChatAgent';
import * as createEmailAgent from './createEmailAgent';
import * as createSmsAgent from './createSmsAgent';
import * as createVoiceAgent from './createVoiceAgent';
import * as createWhatsAppAgent from './createWhatsAppAgent';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
export const { operations, description } = resourceOperations('agent', 'createSmsAgent', [
	createChatAgent,
	createEmailAgent,
	createSmsAgent,
	createVoiceAgent,
	createWhatsAppAgent,
]);
