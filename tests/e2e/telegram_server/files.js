'use strict';
// Files and voice messages for guidebot's end-to-end tests, added to telegram-test-api (which has
// none of them). Self-contained: server.js calls `install(routes, botUser)` once.
//
// For the bot (Bot API methods, as Telegram answers them):
//   getFile {file_id}                       → {file_id, file_unique_id, file_size, file_path}
//   GET /file/bot<token>/<file_path>        → the file's bytes (what python-telegram-bot downloads)
//   sendVoice (multipart upload, or a file_id) → a message with `voice`; the upload is kept as a
//                                             file and shown in the chat's history
//   copyMessage {chat_id, from_chat_id, message_id, message_thread_id?} → {message_id}
// For tests (client endpoints, like /sendMessage):
//   POST /files {data: base64, file_path?}  → the file's {file_id, file_unique_id, file_size,
//                                             file_path}; send a message whose `voice`, `audio`,
//                                             `video_note` or `document` names that file_id
//   GET /voices?chatId=                     → voice messages the bot sent: {time (ms), message_id,
//                                             chat_id, file_id, file_path, size, caption, data
//                                             (base64)}
//   GET /copies                             → copyMessage calls, in order
//   GET /files/log                          → getFile and download requests, in order

const crypto = require('crypto');
const { clientRoutes } = require('telegram-test-api/lib/routes/client/index');

const files = new Map(); // file_id → {file_id, file_unique_id, file_path, data}
const voices = [];
const copies = [];
const requests = [];
let nextFile = 1;

function addFile(data, filePath) {
  const id = nextFile;
  nextFile += 1;
  const file = {
    file_id: `file-${id}-${crypto.randomBytes(4).toString('hex')}`,
    file_unique_id: `u${id}`,
    file_path: filePath || `voice/file_${id}.oga`,
    data,
  };
  files.set(file.file_id, file);
  return file;
}

function describe(file) {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.data.length,
    file_path: file.file_path,
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// multipart/form-data as python-telegram-bot sends it: {fields, files: {name: {filename, data}}}
function parseMultipart(body, contentType) {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
  const result = { fields: {}, files: {} };
  if (!match) return result;
  const delimiter = Buffer.from(`--${match[1] || match[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // CRLF after, before
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const data = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers);
      const filename = /filename="([^"]*)"/i.exec(headers);
      if (name && filename) result.files[name[1]] = { filename: filename[1], data };
      else if (name) result.fields[name[1]] = data.toString('utf8');
    }
    start = next;
  }
  return result;
}

async function requestFields(req) {
  const type = req.headers['content-type'] || '';
  if (!type.startsWith('multipart/form-data')) return { fields: { ...req.query, ...req.body }, files: {} };
  return parseMultipart(await readBody(req), type);
}

function install(routes, botUser) {
  const fileRoutes = (app, server) => {
    app.post('/files', (req, res) => {
      const file = addFile(Buffer.from(req.body.data || '', 'base64'), req.body.file_path);
      res.json({ ok: true, result: describe(file) });
    });
    app.get('/voices', (req, res) => {
      const chatId = req.query.chatId;
      const shown = voices.filter((v) => chatId === undefined || String(v.chat_id) === String(chatId));
      res.json({ ok: true, result: shown });
    });
    app.get('/copies', (_req, res) => res.json({ ok: true, result: copies }));
    app.get('/files/log', (_req, res) => res.json({ ok: true, result: requests }));

    app.all('/bot:token/getFile', (req, res) => {
      const fileId = (req.body && req.body.file_id) || req.query.file_id;
      requests.push({ method: 'getFile', file_id: fileId });
      const file = files.get(String(fileId));
      if (!file) {
        return res.status(400).json({
          ok: false, error_code: 400, description: 'Bad Request: invalid file_id',
        });
      }
      return res.json({ ok: true, result: describe(file) });
    });

    app.get('/file/bot:token/*', (req, res) => {
      const filePath = req.params[0];
      requests.push({ method: 'download', file_path: filePath });
      const file = [...files.values()].find((f) => f.file_path === filePath);
      if (!file) return res.status(404).send('Not Found');
      return res.type('application/octet-stream').send(file.data);
    });

    app.all('/bot:token/sendVoice', async (req, res, next) => {
      try {
        const { fields, files: uploads } = await requestFields(req);
        const upload = uploads.voice;
        const file = upload ? addFile(upload.data, `voice/answer_${nextFile}.oga`)
          : files.get(String(fields.voice));
        if (!file) {
          return res.status(400).json({
            ok: false, error_code: 400, description: 'Bad Request: wrong file identifier',
          });
        }
        const voice = {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          duration: Number(fields.duration || 0),
          mime_type: 'audio/ogg',
          file_size: file.data.length,
        };
        const messageId = server.messageId;
        server.messageId += 1;
        const stored = {
          time: Date.now(),
          botToken: req.params.token,
          message: { chat_id: fields.chat_id, voice, caption: fields.caption, text: '' },
          updateId: server.updateId,
          messageId,
          isRead: false,
        };
        server.updateId += 1;
        server.storage.botMessages.push(stored);
        voices.push({
          time: stored.time,
          message_id: messageId,
          chat_id: Number(fields.chat_id),
          file_id: file.file_id,
          file_path: file.file_path,
          size: file.data.length,
          caption: fields.caption || null,
          data: file.data.toString('base64'),
        });
        server.emit('AddedBotMessage');
        return res.json({
          ok: true,
          result: {
            message_id: messageId,
            date: Math.floor(stored.time / 1000),
            chat: { id: Number(fields.chat_id), type: 'private', first_name: 'Bot' },
            from: botUser,
            voice,
          },
        });
      } catch (error) {
        return next(error);
      }
    });

    app.all('/bot:token/copyMessage', (req, res) => {
      const messageId = server.messageId;
      server.messageId += 1;
      copies.push({ ...req.body, new_message_id: messageId });
      res.json({ ok: true, result: { message_id: messageId } });
    });
  };
  // After server.js's own routes (its fault injection applies to these methods too), before the
  // package's catch-all "/bot:token/:method".
  const at = routes.indexOf(clientRoutes[0]);
  routes.splice(at >= 0 ? at : routes.length, 0, fileRoutes);
}

module.exports = { install };
