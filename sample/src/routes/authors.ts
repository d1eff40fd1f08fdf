import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../db.js';

export const authorsRouter = Router();

authorsRouter.get('/', async (_req, res, next) => {
  try {
    res.json(await prisma.author.findMany({ orderBy: { name: 'asc' } }));
  } catch (err) {
    next(err);
  }
});

authorsRouter.post('/', async (req, res, next) => {
  try {
    const { name } = z.object({ name: z.string().min(1).max(200) }).parse(req.body);
    res.status(201).json(await prisma.author.create({ data: { name } }));
  } catch (err) {
    next(err);
  }
});
