/**
 * The matching engine's public API. Pure: no database, no I/O, no clock, no randomness; it imports nothing
 * from outside matching/ except zod.
 */
export * from './types';
export {
  DEFAULT_WEIGHTS,
  DEFAULT_UNKNOWN_VALUE,
  DEFAULT_ABSTENTION,
  DEFAULT_ABSTAIN_BELOW,
  resolveWeights,
  type Weights,
} from './weights';
export { NO_ABSTENTION, isWeak, type AbstentionRule } from './calibrate';
export {
  validate,
  validateRequest,
  validateOffer,
  validatePeerSignal,
  MatchingInputError,
  MAX_DESCRIPTION_LENGTH,
  type Validation,
  type ValidateOptions,
} from './validate';
export { MatchingEngine, type EngineOptions, type EngineInput, type EngineCounters } from './engine';
export {
  allocate,
  DEFAULT_SCALE,
  type Allocation,
  type AllocationOptions,
  type Assignment,
  type OfferCapacity,
} from './allocation';
export { TextAnalyzer, TextStats, foldAccents, stem } from './text';
export { evaluate, ndcgAt, type Label, type Metrics } from './metrics';
export { rankAllPairs, comparePairs, DEFAULT_MAX_CANDIDATES } from './rank';
export type { ScoredPair, ScoreContext } from './score';
