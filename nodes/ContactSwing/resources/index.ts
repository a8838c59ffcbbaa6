import * as action from './action';
import * as agent from './agent';
import * as apiKey from './apiKey';
import * as call from './call';
import * as customer from './customer';
import * as knowledgeBase from './knowledgeBase';

/**
 * The node's resources, listed once: the node description shows their properties (in this order) and the
 * router runs their operations. The Resource option list in ContactSwing.node.ts names the same keys.
 */
export const resources: Record<
	string,
	Pick<typeof action, 'description' | 'operations'> | undefined
> = { action, agent, apiKey, call, customer, knowledgeBase };
