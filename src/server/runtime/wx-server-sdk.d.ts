/** The slice of wx-server-sdk this project uses (the package ships no type declarations). */
declare module 'wx-server-sdk' {
  interface WXContext {
    OPENID?: string;
    APPID?: string;
    UNIONID?: string;
  }
  interface Cloud {
    DYNAMIC_CURRENT_ENV: symbol;
    init(options?: { env?: string | symbol }): void;
    getWXContext(): WXContext;
    database(): unknown;
  }
  const cloud: Cloud;
  export default cloud;
}
