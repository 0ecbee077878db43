export { renderPlanView } from './plan.js';
export { escapeHtml, jsonForScript, contentSecurityPolicy, htmlPage, type PageParts } from './html.js';
export { ENTITY_TYPES, type EntityType } from './entities.js';
export { buildMatrix, type Matrix } from './matrix.js';
