// A minimal SMTP server that accepts every mail and throws it away, so the service's outbox dispatcher
// does its whole job (claim, render, SMTP conversation, mark SENT) during the benchmark without sending
// anything anywhere. No STARTTLS, no AUTH: the service uses plain SMTP when STARTTLS is not offered.
//   node smtp-sink.mjs PORT        prints "accepted N" on SIGTERM/SIGINT
import net from 'node:net';

const port = Number(process.argv[2] ?? 2525);
let accepted = 0;

net.createServer((socket) => {
  let buffer = '';
  let inData = false;
  const reply = (line) => socket.write(`${line}\r\n`);
  reply('220 bench-sink ESMTP');
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    let end;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (inData) {
        if (line === '.') { inData = false; accepted++; reply('250 2.0.0 queued'); }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') { socket.write('250-bench-sink\r\n250 8BITMIME\r\n'); }
      else if (verb === 'DATA') { inData = true; reply('354 end with <CRLF>.<CRLF>'); }
      else if (verb === 'QUIT') { reply('221 bye'); socket.end(); }
      else { reply('250 OK'); } // HELO, MAIL, RCPT, RSET, NOOP
    }
  });
}).listen(port, '127.0.0.1');

const stop = () => { console.log(`accepted ${accepted}`); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
