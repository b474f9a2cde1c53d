// GitHub's concurrency groups, shared by workflow runs and jobs of the repository: at most one
// running member per group (names compared without case); a newcomer waits as the group's pending
// member, and by default replaces (cancels) a member already pending, or, with `queue: max`, waits in
// line behind up to 100 others; `cancel-in-progress: true` cancels the running member instead.

export interface GroupMember {
  /** Cancels the member (a run or a job) that holds or waits for the group. */
  cancel(): void;
  label: string;
}

interface Waiter {
  member: GroupMember;
  admit: () => void;
  reject: (reason: Error) => void;
}

export class ConcurrencyCancelled extends Error {}

/** GitHub's limit of members waiting in one group with `queue: max`. */
export const MAX_QUEUED = 100;

export class ConcurrencyGroups {
  private readonly running = new Map<string, GroupMember>();
  private readonly pending = new Map<string, Waiter[]>();

  /**
   * Waits for the group; resolves with a release function once the member may run, or rejects with
   * ConcurrencyCancelled when another member replaced it while it waited.
   */
  async enter(
    group: string,
    member: GroupMember,
    options: { cancelInProgress: boolean; queue: 'single' | 'max' },
  ): Promise<() => void> {
    const key = group.toLowerCase();
    const holder = this.running.get(key);
    if (holder && options.cancelInProgress) holder.cancel();
    if (holder) {
      const line = this.pending.get(key) ?? [];
      this.pending.set(key, line);
      if (options.queue === 'single') {
        for (const waiter of line.splice(0))
          waiter.reject(
            new ConcurrencyCancelled(
              `${waiter.member.label}: replaced by ${member.label} in concurrency group "${group}"`,
            ),
          );
      } else if (line.length >= MAX_QUEUED) {
        throw new ConcurrencyCancelled(
          `${member.label}: concurrency group "${group}" already has ${MAX_QUEUED} waiting`,
        );
      }
      // The releasing member hands the group over before admitting, so no newcomer slips in between.
      await new Promise<void>((admit, reject) => line.push({ member, admit, reject }));
    } else this.running.set(key, member);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.pending.get(key)?.shift();
      if (next) {
        this.running.set(key, next.member);
        next.admit();
      } else this.running.delete(key);
    };
  }

  /** Members waiting in a group now (a run shows as pending while it waits). */
  waiting(group: string): number {
    return this.pending.get(group.toLowerCase())?.length ?? 0;
  }
}
