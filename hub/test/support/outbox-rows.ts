/**
 * The delivery fields of an outbox row (a status page message, a page's delivery) just written at `at`: due at once,
 * never tried, not leased.
 */
export function freshDelivery(at: string) {
  return {
    status: 'pending',
    attempts: 0,
    dueAt: at,
    leaseOwner: null,
    leaseUntil: null,
    detail: '',
    updatedAt: at,
  } as const;
}
