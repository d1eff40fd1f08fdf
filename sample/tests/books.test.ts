import request from 'supertest';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../src/db.js', () => ({
  prisma: {
    book: { findMany: vi.fn(), findUnique: vi.fn(), create: vi.fn(), delete: vi.fn() },
    loan: { findFirst: vi.fn(), create: vi.fn() },
    author: { findMany: vi.fn(), create: vi.fn() },
  },
}));

const { prisma } = await import('../src/db.js');
const { createApp } = await import('../src/app.js');
const app = createApp();

describe('books API', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('reports health', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists books with their authors', async () => {
    vi.mocked(prisma.book.findMany).mockResolvedValue([
      { id: 1, title: 'Dune', isbn: '978-0441013593', authorId: 1 } as never,
    ]);
    const res = await request(app).get('/books?title=dune');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(prisma.book.findMany).toHaveBeenCalledWith(
      expect.objectContaining({ where: { title: { contains: 'dune', mode: 'insensitive' } } }),
    );
  });

  it('returns 404 for a missing book', async () => {
    vi.mocked(prisma.book.findUnique).mockResolvedValue(null);
    const res = await request(app).get('/books/42');
    expect(res.status).toBe(404);
  });

  it('creates a book from valid input', async () => {
    vi.mocked(prisma.book.create).mockResolvedValue({ id: 7, title: 'Emma' } as never);
    const res = await request(app)
      .post('/books')
      .send({ title: 'Emma', isbn: '978-0141439587', authorId: 3 });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(7);
  });

  it('rejects a book without an ISBN', async () => {
    const res = await request(app).post('/books').send({ title: 'Emma', authorId: 3 });
    expect(res.status).toBe(400);
    expect(prisma.book.create).not.toHaveBeenCalled();
  });

  it('refuses to lend a book that is already on loan', async () => {
    vi.mocked(prisma.loan.findFirst).mockResolvedValue({ id: 1 } as never);
    const res = await request(app).post('/books/1/loans').send({ borrower: 'sam' });
    expect(res.status).toBe(409);
  });
});
