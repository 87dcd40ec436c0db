export { CARD_VERSION, composeCard, type AdaptiveCard, type ComposeOptions } from './compose-card.js';
export { draftProblems, type DraftProblem } from './draft-problems.js';
