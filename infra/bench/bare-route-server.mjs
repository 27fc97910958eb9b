// The HTTP benchmark's baseline: a NestJS application on the same platform (Express) whose routes do exactly one
// statement against the same PostgreSQL — `POST /bare` one INSERT, `GET /bare/:id` one SELECT by primary key —
// with no authentication, audit or event store. What the referrals service adds is the difference.
// Run as its own process (so its memory is its own): DATABASE_URL, PORT, HOST; pool limits as every service
// (DATABASE_POOL_MAX, default 10).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, NotFoundException, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_bare_route (id uuid PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');

class BareController {
  async create(body) {
    const id = randomUUID();
    await pool.query('INSERT INTO bench_bare_route (id, body) VALUES ($1, $2)', [id, body]);
    return { id };
  }

  async read(id) {
    const { rows } = await pool.query('SELECT id, body, created_at FROM bench_bare_route WHERE id = $1', [id]);
    if (rows.length === 0) throw new NotFoundException();
    return rows[0];
  }
}

// Decorators applied by hand (this file is plain JavaScript); the parameter types Nest would read from metadata.
const proto = BareController.prototype;
Reflect.defineMetadata('design:paramtypes', [Object], proto, 'create');
Reflect.defineMetadata('design:paramtypes', [String], proto, 'read');
Body()(proto, 'create', 0);
Param('id')(proto, 'read', 0);
Post()(proto, 'create', Object.getOwnPropertyDescriptor(proto, 'create'));
HttpCode(201)(proto, 'create', Object.getOwnPropertyDescriptor(proto, 'create'));
Get(':id')(proto, 'read', Object.getOwnPropertyDescriptor(proto, 'read'));
Controller('bare')(BareController);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const app = await NestFactory.create(BareModule, { logger: ['error'] });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
console.log(`bare route listening on ${await app.getUrl()}`);
