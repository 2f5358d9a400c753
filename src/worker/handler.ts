/**
 * The engine worker's logic, free of worker globals so it runs (and is tested) in Node: it holds the prepared
 * data set between messages and answers 'load' and 'compute'. engine.worker.ts only wires it to `self`.
 */
import { computeCompact } from '../geo/engine';
import { prepareFlat, type Prepared } from '../geo/prepare';
import type { CompactRule, RollUp } from '../geo/types';
import type { EngineRequest, EngineResponse } from './protocol';
import { withErrorReply } from './error-reply';

export interface EngineHandler {
  handle(request: EngineRequest): { response: EngineResponse; transfer: Transferable[] };
}

export function createEngineHandler(): EngineHandler {
  let prepared: Prepared | null = null;
  let sentRollUp: RollUp | null = null;

  function answer(request: EngineRequest): { response: EngineResponse; transfer: Transferable[] } {
    if (request.type === 'load') {
      // The data come flat (typed arrays transferred, see protocol.ts); the prepared data set takes them over.
      const defects = request.data.defects.count;
      prepared = prepareFlat(request.data);
      sentRollUp = null;
      const objects = prepared.setList.reduce((n, s) => n + s.count, 0);
      return { response: { id: request.id, type: 'loaded', objects, defects }, transfer: [] };
    }
    if (request.type === 'compute') {
      if (!prepared) throw new Error('compute before load: send the data set first');
      const { rollup, ...rest } = computeCompact(prepared, request.options);
      const changed = rollup !== sentRollUp;
      sentRollUp = rollup;
      return {
        response: { id: request.id, type: 'computed', result: { ...rest, rollup: changed ? rollup : null } },
        transfer: rest.rules.flatMap(ruleBuffers),
      };
    }
    throw new Error(`unknown request type ${JSON.stringify((request as { type: unknown }).type)}`);
  }

  return { handle: withErrorReply(answer) };
}

/** A compact rule's buffers (merged zone geometry included): made fresh by each compute, so they can be handed
 * over rather than copied. */
function ruleBuffers(r: CompactRule): ArrayBuffer[] {
  const geometry = r.geometry ? [r.geometry.coords, r.geometry.ringStart, r.geometry.polygonRingStart] : [];
  return [
    ...geometry,
    r.zoneAnchor,
    r.zoneCenter,
    r.zoneLandShare,
    r.memberSlot,
    r.memberDistanceM,
    r.memberInsideM,
    r.memberHitStart,
    r.hitZone,
    r.hitDistanceM,
    r.hitInsideM,
    r.memberPieceStart,
    r.pieceStart,
    r.clipCoords,
    r.stats,
    r.zonePriority,
  ].map((a) => a.buffer as ArrayBuffer);
}
