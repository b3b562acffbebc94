import { eq, sql } from 'drizzle-orm';
import type { Role } from '@saishi/shared';
import type { Database } from '../db/client.js';
import { users } from '../modules/accounts/tables.js';
import { hashPassword } from '../modules/accounts/service.js';
import { DEMO_SET_UP_AT } from './guangxi-2024.js';

/** The demo password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'Saishi@2024';

export interface DemoUser {
  email: string;
  mobile?: string;
  displayName: string;
  role: Role;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@saishi.demo', displayName: '赛事管理员', role: 'admin' },
  { email: 'expert@saishi.demo', displayName: '评审专家（演示）', role: 'expert' },
  { email: 'leader1@saishi.demo', mobile: '13800000001', displayName: '李明', role: 'participant' },
  { email: 'leader2@saishi.demo', mobile: '13800000002', displayName: '王芳', role: 'participant' },
  { email: 'leader3@saishi.demo', mobile: '13800000003', displayName: '张伟', role: 'participant' },
  { email: 'leader4@saishi.demo', mobile: '13800000004', displayName: '刘洋', role: 'participant' },
  { email: 'student1@saishi.demo', mobile: '13800000011', displayName: '陈晨', role: 'participant' },
  { email: 'student2@saishi.demo', mobile: '13800000012', displayName: '黄丽', role: 'participant' },
  { email: 'student3@saishi.demo', mobile: '13800000013', displayName: '赵磊', role: 'participant' },
  { email: 'advisor1@saishi.demo', mobile: '13800000021', displayName: '周教授', role: 'participant' },
  { email: 'member1@saishi.demo', mobile: '13800000031', displayName: '吴静', role: 'participant' },
];

/** Demo accounts (by default one admin, one expert and participants), all with DEMO_PASSWORD. Idempotent. */
export async function seedAccounts(db: Database, list: DemoUser[] = DEMO_USERS): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let passwordHash: string | undefined;
  for (const demo of list) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${demo.email}`);
    if (existing) {
      ids.set(demo.email, existing.id);
      continue;
    }
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const [created] = await db
      .insert(users)
      .values({
        email: demo.email,
        mobile: demo.mobile ?? null,
        displayName: demo.displayName,
        role: demo.role,
        passwordHash,
        createdAt: DEMO_SET_UP_AT,
      })
      .returning({ id: users.id });
    ids.set(demo.email, created!.id);
  }
  return ids;
}

export async function demoUserId(db: Database, email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo user ${email} is missing`);
  return user.id;
}
