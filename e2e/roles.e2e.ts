// Every demo role signs in and lands on its own start page, with its name and area in the header.
import assert from 'node:assert/strict';
import { DEMO_AREA, DEMO_PEOPLE } from '../src/platform/demo/people.ts';
import { homeFor } from '../src/platform/http/home.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import { checkA11y, e2eSuite, freshAdminCode, heading, signIn, submit, visit } from './helpers.ts';

const e2e = e2eSuite();

// Where each role lands is decided in one place (src/platform/http/home.ts).
const landingFor = (role: Role) => homeFor({ roles: new Set([role]) });

for (const person of DEMO_PEOPLE) {
  e2e.test(`${person.role} (${person.email}) signs in and lands on ${landingFor(person.role)}`, async (page) => {
    const expected = landingFor(person.role);
    let res = await signIn(page, e2e.server, person.email, undefined, { a11y: person.role === 'caseworker' });
    if (person.role === 'area-admin') {
      assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor', 'the administrator is asked for a security code');
      await page.locator('#code').fill(await freshAdminCode());
      res = await submit(page, 'form[action="/sign-in/two-factor"]');
    }
    assert.equal(new URL(page.url()).pathname, expected, `landed on ${page.url()}`);
    const header = page.locator('header');
    assert.match(await header.innerText(), new RegExp(person.name), 'the header shows who is signed in');
    assert.match(await header.innerText(), new RegExp(DEMO_AREA.name), 'the header shows the area');
    assert.match(await page.title(), new RegExp(`${DEMO_AREA.name}$`), 'the page title ends with the area');
    await checkA11y(page);
    const landingStatus = res.status();

    // The simple home page every signed-in person has.
    await visit(page, e2e.server, '/home');
    assert.equal(await heading(page), `Welcome, ${person.name}`);
    assert.match(await page.locator('main').innerText(), new RegExp(`signed in to ${DEMO_AREA.name}`));

    assert.equal(landingStatus, 200, `${expected} answered ${landingStatus}`);
  });
}
