// @ts-check
/**
 * What `npm run start:redis` puts in front of its token endpoint instances: requests under a path prefix go to each
 * instance in turn, as a load balancer without sticky sessions would send them. Each answer says which instance
 * served it (`X-Served-By`). For the demo only.
 */
import { request } from 'node:http';

/**
 * @param {string} prefix  such as `/spaces/`
 * @param {string[]} targets  the instances' origins, such as `http://127.0.0.1:5181`
 */
export function roundRobinProxy(prefix, targets) {
  let next = 0;
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function handle(req, res) {
    if (!req.url?.startsWith(prefix)) return false;
    const target = new URL(targets[next++ % targets.length]);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': target.host });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`The token endpoint instance at ${target.host} did not answer.\n`);
    });
    req.pipe(upstream);
    return true;
  }
  return { handle };
}
