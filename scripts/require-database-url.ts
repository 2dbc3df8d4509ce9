// `npm run test:pg` runs the database tests against PostgreSQL, so it needs to know which one.
if (!process.env['DATABASE_URL']) {
  console.error('npm run test:pg needs DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:pg');
  process.exit(1);
}
