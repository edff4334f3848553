/**
 * The cycle's dated to-do list. One background loop sleeps until the earliest item instead of one
 * timer per reminder, which keeps a year's history small.
 */
export type AgendaKind =
  | 'task-reminder'
  | 'task-overdue'
  | 'signature-reminder'
  | 'signature-overdue'
  | 'activity-start'
  | 'activity-reminder'
  | 'activity-end'
  | 'activity-escalation'
  | 'follow-up-due'
  | 'follow-up-overdue'
  | 'follow-up-escalation'
  | 'feedback-due'
  | 'feedback-overdue'
  | 'period-end';

export interface AgendaItem {
  /** Unique per item: scheduling the same id again replaces it. */
  id: string;
  at: number;
  kind: AgendaKind;
  /** The task, activity, follow-up, feedback or gate the item is about. */
  subject: string;
}

export class Agenda {
  private readonly items = new Map<string, AgendaItem>();
  /** When the loop will wake next; undefined while it waits without a timer. */
  target: number | undefined;
  /** Set when an item is scheduled before `target`, so the loop re-arms its timer. */
  wokenEarly = false;

  schedule(item: AgendaItem): void {
    this.items.set(item.id, item);
    if (this.target === undefined || item.at < this.target) this.wokenEarly = true;
  }

  cancel(id: string): void {
    this.items.delete(id);
  }

  cancelWhere(matches: (item: AgendaItem) => boolean): void {
    for (const [id, item] of this.items) if (matches(item)) this.items.delete(id);
  }

  earliest(): AgendaItem | undefined {
    let first: AgendaItem | undefined;
    for (const item of this.items.values()) if (!first || item.at < first.at) first = item;
    return first;
  }

  /** Removes and returns every item due at `now`, oldest first. */
  takeDue(now: number): AgendaItem[] {
    const due = [...this.items.values()]
      .filter((i) => i.at <= now)
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    for (const item of due) this.items.delete(item.id);
    return due;
  }

  upcoming(limit: number): AgendaItem[] {
    return [...this.items.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).slice(0, limit);
  }
}
