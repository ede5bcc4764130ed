import type { OncallView } from '../../../shared/protocol/oncall-wire.js';

/**
 * People on a rotation whom a page may not reach (the hub's words: no verified method besides the desktop app, a
 * method failing...), so an admin sees it before a 3 a.m. page goes nowhere. Nothing when everyone is reachable.
 */
export function ReachabilityWarnings({ reachability }: { reachability: OncallView['reachability'] }) {
  if (reachability.length === 0) return null;
  return (
    <div className="panel reachability" role="region" aria-labelledby="reachability-title">
      <h3 id="reachability-title">
        <span aria-hidden="true">⚠ </span>Pages may not reach everyone
      </h3>
      <ul className="reachability__list">
        {reachability.flatMap((person) =>
          person.problems.map((problem) => (
            <li key={`${person.userId}:${problem}`} className="missing" data-reach-user={person.userId}>
              {person.name} may not be reached: {problem}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
