import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, readText } from '../../shared/input/rules';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import {
	agentAdditionalFields,
	agentOperationProperties,
	agentTopFields,
	apiKeysFromIds,
	newAssistantRequest,
	readAgentInput,
} from './common';

export const option: OperationOption = {
	name: 'Create Voice AI Agent',
	value: 'createVoiceAgent',
	action: 'Create a voice agent',
	description:
		'Create an AI agent that answers and places phone calls. Returns the new agent ID, used by Call operations.',
};

/** Create Voice AI Agent: POST /v2/_new_assistants with type "VOICE_INCOMING" (page voice-ai). */

const emotions = ['anger', 'curiosity', 'positivity', 'sadness', 'surprise'];

const { properties, description } = agentOperationProperties('createVoiceAgent', [
	agentTopFields.name,
	agentTopFields.model,
	{
		displayName: 'Model API Key IDs',
		name: 'modelKeyIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 442',
		description:
			'ID of the language-model key saved under API Setup in ContactSwing (a whole number), not your ContactSwing API key. Several IDs may be separated by commas.',
		builderHint: {
			propertyHint:
				'Whole-number IDs of language-model keys the user saved under API Setup in ContactSwing; ask the user, never invent one. Not the access token.',
		},
	},
	agentTopFields.instructions,
	agentAdditionalFields([
		{
			displayName: 'Advanced Settings (JSON)',
			name: 'additionalSettings',
			type: 'json',
			default: '{}',
			description:
				"Settings the fields above do not cover, as a JSON object with ContactSwing's Synthesizer (Azure, Cartesia, ElevenLabs), Transcriber (Deepgram) and Agent blocks",
			hint: 'e.g. {"Agent": {"temperature": 0.4}, "Transcriber": {"Deepgram": {"language": "en"}}}',
		},
		{
			displayName: 'Emotions',
			name: 'emotions',
			type: 'collection',
			placeholder: 'Add Emotion',
			default: {},
			description:
				"How strongly the agent's voice shows each emotion. ContactSwing's API reference names the emotions but gives no values: what you type is passed on as it is.",
			options: emotions.map((emotion) => ({
				displayName: emotion.charAt(0).toUpperCase() + emotion.slice(1),
				name: emotion,
				type: 'string' as const,
				default: '',
				description: `How much ${emotion} the voice shows, as ContactSwing expects it (its reference gives no values)`,
			})),
		},
		{
			displayName: 'Incoming Call Greeting',
			name: 'incomingCallGreeting',
			type: 'string',
			default: '',
			placeholder: 'e.g. Thanks for calling Acme Dental, this is Ashley.',
			description: 'What the agent says when it answers a call',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'e.g. english',
			description:
				"Language the agent speaks. ContactSwing's API reference shows only english; other values are passed on as typed.",
		},
		{
			displayName: 'Outgoing Call Greeting',
			name: 'outgoingCallGreeting',
			type: 'string',
			default: '',
			placeholder: 'e.g. Hi, this is Ashley from Acme Dental.',
			description: 'What the agent says when the person it calls picks up',
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. +13465507166',
			description: 'The ContactSwing number the agent answers and calls from, in E.164 format',
			builderHint: {
				propertyHint:
					"One of the user's ContactSwing numbers in E.164 (e.g. +13465507166), never a contact's number.",
			},
		},
		{
			displayName: 'Record Calls',
			name: 'enableRecordings',
			type: 'boolean',
			default: false,
			description: 'Whether ContactSwing records the calls',
		},
		{
			displayName: 'Speaking Speed',
			name: 'speed',
			type: 'string',
			default: '',
			placeholder: 'e.g. medium',
			description:
				"How fast the agent speaks. ContactSwing's API reference shows only medium; other values are passed on as typed.",
		},
		{
			displayName: 'Synthesizer',
			name: 'synthesizer',
			type: 'options',
			options: [{ name: 'Azure', value: 'AZURE' }],
			default: 'AZURE',
			description:
				"Text-to-speech engine. Azure is the only one ContactSwing's API reference documents here; Cartesia and ElevenLabs are set under Advanced Settings (JSON).",
		},
		{
			displayName: 'Voice ID',
			name: 'voiceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. en-US-LunaNeural',
			description:
				"The synthesizer's voice: an Azure neural voice name, such as en-US-LunaNeural or en-US-BrianNeural (the two ContactSwing's reference shows)",
		},
	]),
]);

export { description };

export function createVoiceAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const input = readAgentInput.call(this, itemIndex, properties);
	const { read } = input;
	const emotionValues = (read.value('additionalFields.emotions') ?? {}) as IDataObject;
	const body: IDataObject = {
		name: input.name,
		type: 'VOICE_INCOMING',
		model: input.model,
		api_keys: apiKeysFromIds(read, 'modelKeyIds', 'MODEL'),
		instructions: input.instructions,
		prompts: input.prompts,
		phone_number: read.e164('additionalFields.phoneNumber'),
		incoming_call_greeting: read.text('additionalFields.incomingCallGreeting', { maxLength: 4096 }),
		outgoing_call_greeting: read.text('additionalFields.outgoingCallGreeting', { maxLength: 4096 }),
		synthesizer: read.text('additionalFields.synthesizer', { trim: true }),
		voice_id: read.text('additionalFields.voiceId', { trim: true }),
		language: read.text('additionalFields.language', { trim: true }),
		enable_recordings: read.boolean('additionalFields.enableRecordings'),
		behaviour: compact({
			speed: read.text('additionalFields.speed', { trim: true }),
			emotions: compact(
				Object.fromEntries(
					emotions.map((emotion) => [
						emotion,
						readText(
							read.ctx,
							`${read.label('additionalFields.emotions')}: ${emotion}`,
							emotionValues[emotion],
							{
								trim: true,
							},
						),
					]),
				),
			),
		}),
		kb_id: input.kb_id,
		additional_settings: read.jsonObject('additionalFields.additionalSettings'),
		action_ids: input.action_ids,
	};
	return newAssistantRequest(input, body);
}

export const execute = sendOne(createVoiceAgentRequest);
