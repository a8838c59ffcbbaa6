import type { IDataObject } from 'n8n-workflow';

import { compact, fieldError, isBlank, readText } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, mandatory, text } from './actionType';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Real-time booking, type APPOINTMENT (page `rtb`): webhook is an object as on the newest page (the older
 * one had an array), with round_robin_emails [] for none.
 */
export const appointment: ActionType = {
	type: 'APPOINTMENT',
	descriptionRequired: true,
	fields: [
		text({
			name: 'calendarEmail',
			displayName: 'Calendar Email',
			description: 'Email of the calendar account bookings go to',
			placeholder: 'e.g. name@email.com',
			required: true,
		}),
		{
			displayName: 'Calendar Provider',
			name: 'calendarType',
			type: 'options',
			options: [
				{ name: 'Google', value: 'google' },
				{ name: 'Outlook', value: 'outlook' },
			],
			default: 'google',
			required: true,
			description: 'Where the calendar lives',
		},
		text({
			name: 'userId',
			displayName: 'ContactSwing User ID',
			description: 'UUID of the ContactSwing user who owns the calendar',
			placeholder: 'e.g. 4808cc67-194e-4dfc-97ad-146ddf3d4126',
			required: true,
		}),
		additionalFields([
			{
				displayName: 'Booking Hours',
				name: 'bookingTimings',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Day',
				options: [
					{
						displayName: 'Day',
						name: 'day',
						values: [
							{
								displayName: 'Weekday',
								name: 'weekday',
								type: 'options',
								options: WEEKDAYS.map((d) => ({
									name: d.charAt(0).toUpperCase() + d.slice(1),
									value: d,
								})),
								default: 'monday',
							},
							{
								displayName: 'Start Time',
								name: 'startTime',
								type: 'string',
								default: '09:00',
								placeholder: 'e.g. 09:00',
							},
							{
								displayName: 'End Time',
								name: 'endTime',
								type: 'string',
								default: '17:00',
								placeholder: 'e.g. 17:00',
							},
						],
					},
				],
			},
			{
				displayName: 'Buffer Time (Minutes)',
				name: 'bufferTime',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description: 'Minutes kept free between bookings',
			},
			{ ...mandatory },
			text({
				name: 'roundRobinEmails',
				displayName: 'Round-Robin Emails',
				description: 'Calendars that share bookings, comma-separated',
			}),
			text({
				name: 'timezone',
				displayName: 'Time Zone',
				description: 'IANA time zone of the booking hours',
				placeholder: 'e.g. America/New_York',
			}),
		]),
	],
	settings(read, update) {
		const rows = 'additionalFields.bookingTimings.day';
		const timings: IDataObject = {};
		read.rows(rows).forEach((day, position) => {
			// A row left empty is skipped, as for FAQs.
			if (isBlank(day.weekday) && isBlank(day.startTime) && isBlank(day.endTime)) return;
			const weekdayLabel = read.entryLabel(rows, position, 'weekday');
			const weekday = readText(read.ctx, weekdayLabel, day.weekday, {
				required: true,
				trim: true,
			}) as string;
			if (!WEEKDAYS.includes(weekday)) {
				throw fieldError(
					read.ctx,
					weekdayLabel,
					`must be a weekday in English lower case, got "${weekday.slice(0, 20)}"`,
				);
			}
			const [start, end] = (['startTime', 'endTime'] as const).map((key) => {
				const label = read.entryLabel(rows, position, key);
				const time = readText(read.ctx, label, day[key], { required: true, trim: true }) as string;
				if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
					throw fieldError(read.ctx, label, `must be a time as HH:MM, got "${time.slice(0, 20)}"`);
				}
				return time;
			});
			timings[weekday] = { start_time: start, end_time: end };
		});
		return {
			webhook: compact({
				email: read.text('calendarEmail', { required: true, trim: true }),
				type: read.text('calendarType', { required: true, trim: true }),
				user_id: read.text('userId', { required: true, trim: true }),
				mandatory: read.boolean('additionalFields.mandatory'),
				timezone: read.text('additionalFields.timezone', { trim: true }),
				buffer_time: read.integer('additionalFields.bufferTime'),
				booking_timings: compact(timings),
				// The newest page documents [] for none; an update sends only calendars given.
				round_robin_emails: update
					? read.optionalTextList('additionalFields.roundRobinEmails')
					: read.textList('additionalFields.roundRobinEmails'),
			}),
		};
	},
};
