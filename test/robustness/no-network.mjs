// Preload (`node --import`) for the no-network test: any attempt to open a
// connection or resolve a name throws, so a droplint run that reaches for the
// network fails loudly instead of succeeding quietly.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/**
 * A stand-in that throws, typed as whatever it replaces.
 * @type {(what: string) => any}
 */
const deny = (what) => () => {
  throw new Error(`network access denied by test preload: ${what}`);
};
net.Socket.prototype.connect = deny('net.Socket.connect');
net.connect = deny('net.connect');
net.createConnection = deny('net.createConnection');
tls.connect = deny('tls.connect');
dns.lookup = deny('dns.lookup');
dns.resolve = deny('dns.resolve');
dns.promises.lookup = deny('dns.promises.lookup');
http.request = deny('http.request');
http.get = deny('http.get');
https.request = deny('https.request');
https.get = deny('https.get');
globalThis.fetch = deny('fetch');
