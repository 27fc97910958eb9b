import { Client } from 'pg';

/**
 * Who runs the work that must run once per service (the relay, the projection runner's subscriptions, reactors,
 * scheduled checks): `isLeader` now, and `onChange` when it flips. Implemented by `LeaderElection`.
 */
export interface Leadership {
  readonly isLeader: boolean;
  /** Called with `true` when this instance becomes the leader and `false` when it stops being it. Returns an unsubscribe. */
  onChange(listener: (leader: boolean) => void): () => void;
}

export interface LeaderElectionOptions {
  /** The database every instance of the service uses (advisory locks are per database). */
  connectionString: string;
  /** What is led: the service's name. Instances with the same name in the same database elect one leader. */
  name: string;
  /** How often a follower tries to take the lock (default 500 ms): the hand-over time after a leader dies. */
  retryIntervalMs?: number;
  /** How often the leader checks its lock session is alive (default 1,000 ms). */
  heartbeatIntervalMs?: number;
  /** A heartbeat not answered in this time (default 3,000 ms) makes the leader step down. */
  heartbeatTimeoutMs?: number;
  /**
   * Pause between taking the lock and acting as leader (default 200 ms): time for a previous leader whose session
   * the server has just ended to notice and stop, so that the two never act at once.
   */
  takeoverDelayMs?: number;
  /** Names and counts only. */
  log?: (message: string) => void;
}

export interface LeadershipStatus {
  name: string;
  leader: boolean;
  /** When this instance last became the leader, or null while it is not. */
  since: string | null;
  /** How many times this instance has become the leader since it started. */
  terms: number;
}

/** First key of the two-key advisory locks of leader elections (the second is the hash of the name). */
const ELECTION_KEY = 'stepwell.leader-election';

/**
 * Leader election by a PostgreSQL session advisory lock held on a dedicated connection.
 *
 * Every instance runs one. A follower tries `pg_try_advisory_lock` every `retryIntervalMs`; the one that gets it is
 * the leader until its session ends. The lock belongs to the session, so when the leader's process dies
 * (SIGKILL, crash, OOM) its socket closes, PostgreSQL ends the backend and the lock is free at once: the next
 * follower's try takes it (hand-over ≤ `retryIntervalMs` + `takeoverDelayMs` plus the time to start the work).
 * A graceful stop unlocks before closing.
 *
 * Never two leaders: PostgreSQL grants the lock to one session at a time. The only window in which an old leader
 * could still act is between its session ending on the server and the process noticing; the process is told at
 * once when the server ends the session (the client's `error` event: step down before anything else; the new
 * leader waits `takeoverDelayMs` after taking the lock before it acts), and when
 * the network goes silent instead, it steps down after `heartbeatTimeoutMs` without an answer — before the server
 * itself gives up on the silent session (TCP keepalives set on the session: 10 s idle + 3 × 5 s probes), which is
 * what would free the lock for another instance.
 */
export class LeaderElection implements Leadership {
  private readonly listeners = new Set<(leader: boolean) => void>();
  private readonly retryIntervalMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly takeoverDelayMs: number;
  private readonly log: (message: string) => void;
  private client: Client | null = null;
  private leader = false;
  private since: Date | null = null;
  private terms = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: LeaderElectionOptions) {
    this.retryIntervalMs = options.retryIntervalMs ?? 500;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 3_000;
    this.takeoverDelayMs = options.takeoverDelayMs ?? 200;
    this.log = options.log ?? (() => undefined);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  status(): LeadershipStatus {
    return { name: this.options.name, leader: this.leader, since: this.since?.toISOString() ?? null, terms: this.terms };
  }

  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes the first attempt (so `isLeader` is known when this resolves), then keeps trying or heartbeating. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.attempt();
    this.loop = this.run();
  }

  /** Steps down (unlocking, so a follower takes over at its next try) and closes the session. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    const client = this.client;
    this.client = null;
    if (client && this.leader) {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [ELECTION_KEY, this.options.name]).catch(() => undefined);
    }
    this.become(false);
    await client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.sleep(this.leader ? this.heartbeatIntervalMs : this.retryIntervalMs);
      if (this.running) await this.attempt();
    }
  }

  /** One round: connect if needed, then try for the lock (follower) or check the session is alive (leader). */
  private async attempt(): Promise<void> {
    try {
      const client = this.client ?? (await this.connect());
      if (this.leader) {
        await this.withTimeout(client.query('SELECT 1'));
        return;
      }
      const { rows } = await this.withTimeout(
        client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', [ELECTION_KEY, this.options.name]),
      );
      if (rows[0]?.locked !== true) return;
      // Ours. A leader whose session the server has just ended gets this long to notice and stop.
      await new Promise((resolve) => setTimeout(resolve, this.takeoverDelayMs));
      if (this.client !== client) return;
      await this.withTimeout(client.query('SELECT 1'));
      if (this.client === client && this.running) this.become(true);
    } catch (error) {
      this.lose(error);
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: `stepwell-leader:${this.options.name}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: this.heartbeatTimeoutMs,
    });
    // A session that ends (server restart, terminated backend, network) ends the leadership at once.
    client.on('error', (error) => {
      if (this.client === client) this.lose(error);
    });
    client.on('end', () => {
      if (this.client === client) this.lose(new Error('session ended'));
    });
    await client.connect();
    // The server frees a silent client's lock after 10 s + 3 × 5 s; the leader gives up after heartbeatTimeoutMs.
    await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
    this.client = client;
    return client;
  }

  private lose(error: unknown): void {
    const client = this.client;
    this.client = null;
    if (this.leader) this.log(`leadership of ${this.options.name} lost (${error instanceof Error ? error.name : 'error'}); stepping down`);
    this.become(false);
    // Ending the session releases the lock should the server still hold it for us.
    void client?.end().catch(() => undefined);
  }

  private become(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    if (leader) {
      this.terms += 1;
      this.since = new Date();
      this.log(`this instance now leads ${this.options.name}`);
    } else {
      this.since = null;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(leader);
      } catch (error) {
        this.log(`a leadership listener of ${this.options.name} threw (${error instanceof Error ? error.name : 'error'})`);
      }
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LeadershipTimeoutError(this.heartbeatTimeoutMs)), this.heartbeatTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = null;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** The lock session did not answer within the heartbeat timeout. */
export class LeadershipTimeoutError extends Error {
  constructor(ms: number) {
    super(`the leader election session did not answer within ${ms} ms`);
    this.name = 'LeadershipTimeoutError';
  }
}
