import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/db.js', () => ({
  prisma: {
    author: {
      findMany: vi.fn().mockResolvedValue([{ id: 1, name: 'Ursula K. Le Guin' }]),
      create: vi.fn().mockImplementation(({ data }) => Promise.resolve({ id: 2, ...data })),
    },
  },
}));

const { createApp } = await import('../src/app.js');
const app = createApp();

describe('authors API', () => {
  it('lists authors', async () => {
    const res = await request(app).get('/authors');
    expect(res.status).toBe(200);
    expect(res.body[0].name).toBe('Ursula K. Le Guin');
  });

  it('creates an author', async () => {
    const res = await request(app).post('/authors').send({ name: 'Octavia E. Butler' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 2, name: 'Octavia E. Butler' });
  });
});
