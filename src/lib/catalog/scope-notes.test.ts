import { describe, expect, it } from 'vitest';
import { describeScopeEffect } from './scope-notes';

describe('describeScopeEffect', () => {
  it('says what the broader user and client alternatives add', () => {
    expect(describeScopeEffect('read:user_idp_tokens')).toMatchObject({ privileged: true, note: expect.stringContaining('identities[].access_token') });
    expect(describeScopeEffect('read:client_keys')).toMatchObject({ privileged: true, note: expect.stringContaining('client_secret') });
    expect(describeScopeEffect('read:client_summary')).toMatchObject({ privileged: false, note: expect.stringContaining('summary fields only') });
    expect(describeScopeEffect('update:users_app_metadata').note).toBe('Changes app_metadata only.');
  });

  it('marks every current_user scope as acting on the token\u2019s own user only', () => {
    expect(describeScopeEffect('update:current_user_metadata')).toMatchObject({ ownUserOnly: true, privileged: false });
    expect(describeScopeEffect('create:current_user_device_credentials').note).toContain('own record');
    expect(describeScopeEffect('read:users')).toEqual({ privileged: false, ownUserOnly: false, note: null });
    expect(describeScopeEffect('delete:current_user').note).toContain('no Auth0 document says end users may request it');
  });
});
