// @ts-check
/** Reading a request body as text, for the mocks and the token endpoint's tests: at most `maxLength` characters. */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} maxLength  a longer body is cut off by destroying the request
 * @returns {Promise<string>}
 */
export function readBody(req, maxLength) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > maxLength) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('close', () => resolve(body));
  });
}
