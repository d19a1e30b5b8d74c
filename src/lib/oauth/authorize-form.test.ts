import { describe, expect, it } from 'vitest';
import { customParamRows } from './authorize-form';
import { parseAuthorizeUrl } from './authorize-url';

describe('customParamRows', () => {
  it('lists unknown parameters and repeats of known ones, with their positions, and hides the fields and PKCE', () => {
    const request = parseAuthorizeUrl('https://t.auth0.com/authorize?client_id=a&ext=1&code_challenge=c&code_challenge_method=S256&state=s&state=t&ui_locales=fr');
    expect(customParamRows(request)).toEqual([
      { index: 1, name: 'ext', value: '1' },
      { index: 5, name: 'state', value: 't' },
      { index: 6, name: 'ui_locales', value: 'fr' },
    ]);
  });
});
