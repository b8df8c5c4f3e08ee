import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Translation } from './messages.js';

const reasons = {
  empty: '番号が指定されていません',
  'not-a-number': '電話番号ではありません',
  'control-character': '番号に制御文字が含まれています',
  'no-country': '国内番号には既定の国の指定が必要です',
  'unknown-country': '不明な国番号です',
  'too-short': '番号が短すぎます',
  'too-long': '番号が長すぎます',
  invalid: '有効な電話番号ではありません',
  unavailable: '電話番号データを読み込めませんでした',
};

const wait = (seconds: number) => (seconds < 90 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分`);

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: '拒否されました',
  'not-answered': '応答なし',
  cancelled: '発信を取り消しました',
  failed: '発信に失敗しました',
  unknown: '通話の状態は不明です',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` API からのメッセージ:「${e.serverMessage}」` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed
        ? 'アクセストークンを取得できなかったため、発信していません。'
        : 'アクセストークンが設定されていないため、発信していません。';
    case 'signed-out':
      return '発信するには Avaya Spaces にサインインしてください。';
    case 'token-unavailable':
      return e.status ? `サインインサービスからアクセストークンを取得できませんでした (HTTP ${e.status})。発信していません。` : 'サインインサービスに接続できませんでした。発信していません。';
    case 'bad-config':
      return `ボタンの設定に誤りがあります: ${e.problem}。`;
    case 'busy':
      return '別の通話を発信中です。しばらくしてからもう一度お試しください。';
    case 'insecure-endpoint':
      return `トークンは https (またはこのコンピューター) にのみ送信されます。${e.origin} は拒否されました。`;
    case 'bad-request':
      return `API が発信リクエストを拒否しました。${said}`;
    case 'unauthorized':
      return `アクセストークンが拒否されたか、有効期限が切れています。${said}`;
    case 'forbidden':
      return `このユーザーには発信が許可されていません。${said} Aura 通話ライセンス、許可された請求国、Spaces 通話へのオプトインが必要です。`;
    case 'not-found':
      return `通話 API が見つかりません。environment または api-base を確認してください。${said}`;
    case 'rate-limited':
      return `発信リクエストが多すぎます。${e.retryAfterSeconds === undefined ? 'しばらく' : wait(e.retryAfterSeconds)}待ってからもう一度お試しください。${said}`;
    case 'server':
      return `通話サービスでエラーが発生しました (HTTP ${e.status})。後でもう一度お試しください。${said}`;
    case 'http':
      return `通話 API が予期しない HTTP ステータス ${e.status} を返しました。${said}`;
    case 'redirect':
      return '通話 API がリダイレクトを返しました。トークンを API の外に送らないよう、リダイレクトには従っていません。';
    case 'bad-response':
      return `通話 API の応答を読み取れませんでした (${e.unreadable === 'no-receivers' ? '受信者なし' : 'JSON ではありません'})。発信された可能性があります。`;
    case 'network':
      return '通話 API に接続できません。ネットワーク接続を確認してください。';
    case 'timeout':
      return `通話 API が ${(e.timeoutMs ?? 0) / 1000} 秒以内に応答しませんでした。発信された可能性があります。`;
    case 'aborted':
      return '発信リクエストは取り消されました。';
  }
}

const ja: Translation = {
  callLabel: (number, extension) => `${number}${extension ? ` 内線 ${extension}` : ''} に発信`,
  callMaskedLabel: (lastDigits) => `末尾 ${lastDigits} の番号に発信`,
  extension: (extension) => `内線 ${extension}`,
  invalid: (reason) => `発信できません: ${reasons[reason]}`,
  placing: '発信しています…',
  calling: (name) => `${name} に発信中…`,
  receiverStatus: (name, status) => `${name}: ${status}`,
  answered: (name) => `${name} が応答しました`,
  ended: (outcome, duration) => (outcome === 'answered' ? `通話終了${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `${number} への発信を取り消す`,
  signIn: 'サインイン',
  error,
};
export default ja;
