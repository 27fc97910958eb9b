export interface TestDatabase {
    /** Connection string of a database no other test uses. */
    url: string;
    name: string;
    drop(): Promise<void>;
}
/** The server the test run uses: set by the jest global set-up (embedded PostgreSQL) or by the caller. */
export declare function testServerUrl(): string;
/**
 * Creates a fresh, empty database on the test server so that each test file (or test) owns its data.
 * `label` appears in the database name to make a leftover easy to trace.
 */
export declare function createTestDatabase(label: string): Promise<TestDatabase>;
export interface TestRole {
    /** The role's name: `label` plus a random suffix (roles are server-wide, so tests running at once never share one). */
    name: string;
    password: string;
    /** `databaseUrl` with this role's name and password as its user. */
    urlFor(databaseUrl: string): string;
    /** Drops the role (drop the databases holding its grants first, or they keep it alive). */
    drop(): Promise<void>;
}
/**
 * Creates a LOGIN role with a random password on the test server, owning nothing and granted nothing: a service's
 * own database role, for tests proving what such a role may and may not do.
 */
export declare function createTestRole(label: string): Promise<TestRole>;
