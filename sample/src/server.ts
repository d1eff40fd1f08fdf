import { createApp } from './app.js';
import { prisma } from './db.js';

const port = Number(process.env.PORT ?? 3000);
const server = createApp().listen(port, () => {
  console.log(`bookshelf-api listening on http://localhost:${port}`);
});

process.on('SIGTERM', () => {
  server.close(() => void prisma.$disconnect());
});
