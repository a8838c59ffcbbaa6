import { listOperation } from '../../shared/pagination';

/** Get Many Calls: GET /v2/_calls, paged with page/per_page, 30 requests a minute (page get-calls-list). */
export const { description, execute } = listOperation('call', '/v2/_calls');
