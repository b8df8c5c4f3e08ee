import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Translation } from './messages.js';

const reasons = {
  empty: 'لم يُحدَّد رقم',
  'not-a-number': 'ليس رقم هاتف',
  'control-character': 'يحتوي الرقم على حرف تحكم',
  'no-country': 'الرقم المحلي يحتاج إلى بلد افتراضي',
  'unknown-country': 'رمز بلد غير معروف',
  'too-short': 'الرقم قصير جدًا',
  'too-long': 'الرقم طويل جدًا',
  invalid: 'رقم هاتف غير صالح',
  unavailable: 'تعذّر تحميل بيانات أرقام الهاتف',
};

const wait = (seconds: number) => (seconds < 90 ? `${seconds} ثانية` : `${Math.ceil(seconds / 60)} دقيقة`);
/** Numbers and names stay left-to-right inside Arabic text. */
const isolate = (text: string) => `\u2068${text}\u2069`;

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'تم الرفض',
  'not-answered': 'لا رد',
  cancelled: 'أُلغيت المكالمة',
  failed: 'فشلت المكالمة',
  unknown: 'حالة المكالمة غير معروفة',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` رسالة الواجهة البرمجية: «${isolate(e.serverMessage)}»` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed ? 'تعذّر الحصول على رمز الوصول، لذلك لم تُجرَ أي مكالمة.' : 'لم يُضبط رمز وصول، لذلك لم تُجرَ أي مكالمة.';
    case 'signed-out':
      return 'سجّل الدخول إلى Avaya Spaces لإجراء المكالمة.';
    case 'token-unavailable':
      return e.status ? `تعذّر على خدمة تسجيل الدخول توفير رمز وصول (HTTP ${e.status})، لذلك لم تُجرَ أي مكالمة.` : 'تعذّر الوصول إلى خدمة تسجيل الدخول، لذلك لم تُجرَ أي مكالمة.';
    case 'bad-config':
      return `إعدادات الزر غير صحيحة: ${isolate(e.problem ?? '')}.`;
    case 'busy':
      return 'تُجرى مكالمة أخرى الآن. حاول مرة أخرى بعد لحظات.';
    case 'insecure-endpoint':
      return `لا يُرسَل الرمز إلا عبر https (أو إلى هذا الجهاز)؛ رُفض ${isolate(e.origin ?? '')}.`;
    case 'bad-request':
      return `رفضت الواجهة البرمجية طلب المكالمة.${said}`;
    case 'unauthorized':
      return `رُفض رمز الوصول أو انتهت صلاحيته.${said}`;
    case 'forbidden':
      return `لا يُسمح لهذا المستخدم بإجراء المكالمات.${said} يلزم ترخيص مكالمات Aura وبلد فوترة مسموح به والاشتراك في مكالمات Spaces.`;
    case 'not-found':
      return `لم يُعثر على واجهة المكالمات البرمجية: تحقق من البيئة أو api-base.${said}`;
    case 'rate-limited':
      return `طلبات مكالمات كثيرة جدًا. ${e.retryAfterSeconds === undefined ? 'انتظر قليلًا' : `انتظر ${wait(e.retryAfterSeconds)}`} ثم حاول مرة أخرى.${said}`;
    case 'server':
      return `تعطلت خدمة المكالمات (HTTP ${e.status}). حاول لاحقًا.${said}`;
    case 'http':
      return `ردّت واجهة المكالمات البرمجية بحالة HTTP غير متوقعة ${e.status}.${said}`;
    case 'redirect':
      return 'ردّت واجهة المكالمات البرمجية بإعادة توجيه؛ لم تُتبَع حتى يبقى الرمز لدى الواجهة البرمجية.';
    case 'bad-response':
      return `تعذّرت قراءة ردّ واجهة المكالمات البرمجية (${e.unreadable === 'no-receivers' ? 'لا مستقبلين' : 'ليس JSON'}). ربما أُجريت المكالمة.`;
    case 'network':
      return 'تعذّر الوصول إلى واجهة المكالمات البرمجية. تحقق من اتصال الشبكة.';
    case 'timeout':
      return `لم تردّ واجهة المكالمات البرمجية خلال ${(e.timeoutMs ?? 0) / 1000} ثانية. ربما أُجريت المكالمة.`;
    case 'aborted':
      return 'أُلغي طلب المكالمة.';
  }
}

const ar: Translation = {
  callLabel: (number, extension) => `اتصال بـ ${isolate(number)}${extension ? `، تحويلة ${isolate(extension)}` : ''}`,
  callMaskedLabel: (lastDigits) => `اتصال بالرقم المنتهي بـ ${isolate(lastDigits)}`,
  extension: (extension) => `تحويلة ${extension}`,
  invalid: (reason) => `تعذّر الاتصال: ${reasons[reason]}`,
  placing: 'جارٍ إجراء المكالمة…',
  calling: (name) => `جارٍ الاتصال بـ ${isolate(name)}…`,
  receiverStatus: (name, status) => `${isolate(name)}: ${isolate(status)}`,
  answered: (name) => `ردّ ${isolate(name)}`,
  ended: (outcome, duration) => (outcome === 'answered' ? `انتهت المكالمة${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `إلغاء الاتصال بـ ${isolate(number)}`,
  signIn: 'تسجيل الدخول',
  error,
};
export default ar;
