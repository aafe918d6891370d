// Preloaded (`node --import`) to make this Node behave like Electron's BoringSSL for one thing: it has no
// named Diffie-Hellman group `modp2`, so createDiffieHellmanGroup('modp2') throws "Unknown DH group" as it does
// inside Electron (Eugeny/tabby #8840). Everything else in crypto is untouched.
import crypto from 'node:crypto';

const named = crypto.createDiffieHellmanGroup.bind(crypto);
crypto.createDiffieHellmanGroup = (name) => {
  if (name === 'modp2') throw new Error('Unknown DH group');
  return named(name);
};
crypto.getDiffieHellman = crypto.createDiffieHellmanGroup;
