import {
  DEFAULT_ESCALATION_POLICY,
  escalationPolicySchema,
  type EscalationPolicy,
} from '../../../shared/oncall/policy.js';
import { profileSchema, type Profile } from '../../../shared/oncall/profile.js';
import { overrideSchema, rotationSchema, type Override, type Rotation } from '../../../shared/oncall/rotation.js';
import type { PagingDeadlineView, ServiceRoute } from '../../../shared/protocol/oncall-wire.js';
import {
  OVERRIDE_MEMORY_MS,
  isDeadlineKind,
  serviceKey,
  type OncallConfig,
  type OncallStore,
} from '../../paging/oncall-store.js';
import type { Db } from './database.js';

/** The on-call set-up and paging deadlines in the hub's SQLite file (migration 3). Bodies are zod-checked JSON. */
export class SqliteOncallStore implements OncallStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async load(): Promise<OncallConfig> {
    const since = new Date(this.now() - OVERRIDE_MEMORY_MS).toISOString();
    return {
      rotations: this.bodies('SELECT body FROM oncall_rotations ORDER BY id').map((b) => rotationSchema.parse(b)),
      overrides: this.bodies('SELECT body FROM oncall_overrides WHERE ends_at >= ? ORDER BY ends_at, id', since).map(
        (b) => overrideSchema.parse(b),
      ),
      services: this.db
        .prepare('SELECT service, rotation_id AS rotationId FROM oncall_services ORDER BY service')
        .all() as ServiceRoute[],
      defaultRotationId: this.setting('defaultRotationId', (v) => (typeof v === 'string' ? v : null), null),
      policy: this.setting('policy', (v) => escalationPolicySchema.parse(v), DEFAULT_ESCALATION_POLICY),
      profiles: new Map(
        (
          this.db.prepare('SELECT user_id AS userId, body FROM person_profiles').all() as {
            userId: string;
            body: string;
          }[]
        ).map((row) => [row.userId, profileSchema.parse(JSON.parse(row.body))]),
      ),
    };
  }

  async rotation(id: string): Promise<Rotation | undefined> {
    const body = this.db.prepare('SELECT body FROM oncall_rotations WHERE id = ?').pluck().get(id) as
      string | undefined;
    return body === undefined ? undefined : rotationSchema.parse(JSON.parse(body));
  }

  async saveRotation(rotation: Rotation): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO oncall_rotations (id, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(rotation.id, JSON.stringify(rotation), new Date(this.now()).toISOString());
  }

  /** Removes the rotation with its overrides and routes; clears it as the default. False if unknown. */
  async deleteRotation(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM oncall_rotations WHERE id = ?').run(id).changes > 0;
      if (removed)
        this.db
          .prepare(`DELETE FROM oncall_settings WHERE key = 'defaultRotationId' AND value = ?`)
          .run(JSON.stringify(id));
      return removed;
    })();
  }

  async override(id: string): Promise<Override | undefined> {
    const body = this.db.prepare('SELECT body FROM oncall_overrides WHERE id = ?').pluck().get(id) as
      string | undefined;
    return body === undefined ? undefined : overrideSchema.parse(JSON.parse(body));
  }

  async saveOverride(override: Override): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO oncall_overrides (id, rotation_id, ends_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET rotation_id = excluded.rotation_id, ends_at = excluded.ends_at, body = excluded.body`,
      )
      .run(override.id, override.rotationId, override.end, JSON.stringify(override));
  }

  async deleteOverride(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM oncall_overrides WHERE id = ?').run(id).changes > 0;
  }

  /** Routes a service to a rotation, or removes its route (null). */
  async routeService(service: string, rotationId: string | null): Promise<void> {
    const key = serviceKey(service);
    if (rotationId === null) this.db.prepare('DELETE FROM oncall_services WHERE service = ?').run(key);
    else
      this.db
        .prepare(
          `INSERT INTO oncall_services (service, rotation_id) VALUES (?, ?)
           ON CONFLICT (service) DO UPDATE SET rotation_id = excluded.rotation_id`,
        )
        .run(key, rotationId);
  }

  async saveSettings(settings: { policy?: EscalationPolicy; defaultRotationId?: string | null }): Promise<void> {
    const put = this.db.prepare(
      'INSERT INTO oncall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      if (settings.policy !== undefined) put.run('policy', JSON.stringify(settings.policy));
      if (settings.defaultRotationId === null)
        this.db.prepare(`DELETE FROM oncall_settings WHERE key = 'defaultRotationId'`).run();
      else if (settings.defaultRotationId !== undefined)
        put.run('defaultRotationId', JSON.stringify(settings.defaultRotationId));
    })();
  }

  async saveProfile(userId: string, profile: Profile): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO person_profiles (user_id, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(userId, JSON.stringify(profile), new Date(this.now()).toISOString());
  }

  async deadlines(): Promise<PagingDeadlineView[]> {
    const rows = this.db
      .prepare('SELECT incident_id, kind, due_at, step, round FROM paging_deadlines ORDER BY due_at, incident_id')
      .all() as { incident_id: string; kind: string; due_at: string; step: number; round: number }[];
    return rows.flatMap((r) =>
      isDeadlineKind(r.kind)
        ? [{ incidentId: r.incident_id, kind: r.kind, dueAt: r.due_at, step: r.step, round: r.round }]
        : [],
    );
  }

  /** Replaces the deadlines of several incidents in one transaction (an empty list clears an incident's). */
  async replaceDeadlines(
    byIncident: ReadonlyMap<string, readonly Omit<PagingDeadlineView, 'incidentId'>[]>,
  ): Promise<void> {
    if (byIncident.size === 0) return;
    const clear = this.db.prepare('DELETE FROM paging_deadlines WHERE incident_id = ?');
    const insert = this.db.prepare(
      'INSERT INTO paging_deadlines (incident_id, kind, due_at, step, round) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const [incidentId, deadlines] of byIncident) {
        clear.run(incidentId);
        for (const d of deadlines) insert.run(incidentId, d.kind, d.dueAt, d.step, d.round);
      }
    })();
  }

  private bodies(sql: string, ...params: unknown[]): unknown[] {
    return (
      this.db
        .prepare(sql)
        .pluck()
        .all(...params) as string[]
    ).map((body) => JSON.parse(body) as unknown);
  }

  private setting<T>(key: string, read: (value: unknown) => T, fallback: T): T {
    const value = this.db.prepare('SELECT value FROM oncall_settings WHERE key = ?').pluck().get(key) as
      string | undefined;
    return value === undefined ? fallback : read(JSON.parse(value));
  }
}
