import { listOperation } from '../../shared/pagination';
import { normaliseAction } from './normalise';

/** Get Many Actions: GET /v2/_actions, paged with page/per_page (page get; paging is the reference's best reading). */
export const { description, execute } = listOperation('action', '/v2/_actions', normaliseAction);
