import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../db.js';

export const booksRouter = Router();

const bookInput = z.object({
  title: z.string().min(1),
  isbn: z.string().regex(/^[0-9-]{10,17}$/),
  authorId: z.number().int().positive(),
  publishedAt: z.coerce.date().optional(),
});

booksRouter.get('/', async (req, res, next) => {
  try {
    const title = typeof req.query.title === 'string' ? req.query.title : undefined;
    const books = await prisma.book.findMany({
      where: title ? { title: { contains: title, mode: 'insensitive' } } : undefined,
      include: { author: true },
      orderBy: { title: 'asc' },
      take: 100,
    });
    res.json(books);
  } catch (err) {
    next(err);
  }
});

booksRouter.get('/:id', async (req, res, next) => {
  try {
    const book = await prisma.book.findUnique({
      where: { id: Number(req.params.id) },
      include: { author: true },
    });
    if (!book) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.json(book);
  } catch (err) {
    next(err);
  }
});

booksRouter.post('/', async (req, res, next) => {
  try {
    const data = bookInput.parse(req.body);
    const book = await prisma.book.create({ data });
    res.status(201).json(book);
  } catch (err) {
    next(err);
  }
});

booksRouter.post('/:id/loans', async (req, res, next) => {
  try {
    const { borrower } = z.object({ borrower: z.string().min(1) }).parse(req.body);
    const bookId = Number(req.params.id);
    const open = await prisma.loan.findFirst({ where: { bookId, returnedAt: null } });
    if (open) {
      res.status(409).json({ error: 'already_on_loan' });
      return;
    }
    const loan = await prisma.loan.create({ data: { bookId, borrower } });
    res.status(201).json(loan);
  } catch (err) {
    next(err);
  }
});

booksRouter.delete('/:id', async (req, res, next) => {
  try {
    await prisma.book.delete({ where: { id: Number(req.params.id) } });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});
