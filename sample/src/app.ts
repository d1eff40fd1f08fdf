import express, { type NextFunction, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { booksRouter } from './routes/books.js';
import { authorsRouter } from './routes/authors.js';

export function createApp() {
  const app = express();
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use('/books', booksRouter);
  app.use('/authors', authorsRouter);

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ZodError) {
      res.status(400).json({ error: 'validation_failed', issues: err.issues });
      return;
    }
    console.error(err);
    res.status(500).json({ error: 'internal_error' });
  });

  return app;
}
