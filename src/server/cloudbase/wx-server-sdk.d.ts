/** The slice of wx-server-sdk this project uses (the package ships no type declarations). */
declare module 'wx-server-sdk' {
  interface WXContext {
    OPENID?: string;
    APPID?: string;
    UNIONID?: string;
    /** The caller's client IP as WeChat saw it (per-IP registration budgets, getUserRiskRank). */
    CLIENTIP?: string;
  }
  interface Cloud {
    DYNAMIC_CURRENT_ENV: symbol;
    init(options?: { env?: string | symbol }): void;
    getWXContext(): WXContext;
    database(): unknown;
    uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
    getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL?: string; status?: number; errMsg?: string }> }>;
    cloudPay: {
      unifiedOrder(options: {
        body: string;
        outTradeNo: string;
        spbillCreateIp: string;
        subMchId: string;
        totalFee: number;
        envId: string;
        functionName: string;
        tradeType?: string;
      }): Promise<{ returnCode?: string; resultCode?: string; errCodeDes?: string; payment?: Record<string, unknown> }>;
      queryOrder(options: { subMchId: string; outTradeNo: string; nonceStr: string }): Promise<{ returnCode?: string; resultCode?: string; tradeState?: string; totalFee?: number; transactionId?: string }>;
    };
    /** Decrypts open data (e.g. a group's opengid) behind cloudIDs the client sent. */
    getOpenData(options: { list: string[] }): Promise<{ list: unknown[] }>;
    openapi: {
      updatableMessage: {
        createActivityId(options: { openid?: string; unionid?: string }): Promise<{ activityId: string; expirationTime: number }>;
        setUpdatableMsg(options: { activityId: string; targetState: number; templateInfo: { parameterList: Array<{ name: string; value: string }> } }): Promise<unknown>;
      };
      riskControl: { getUserRiskRank(options: { appid: string; openid: string; scene: number; clientIp: string }): Promise<{ riskRank: number }> };
      wxacode: { getUnlimited(options: { scene: string; page: string; checkPath?: boolean }): Promise<{ buffer: Buffer }> };
      subscribeMessage: {
        send(options: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<unknown>;
      };
      security: {
        msgSecCheck(options: { openid: string; scene: number; version: number; content: string }): Promise<{ result?: { suggest?: string; label?: number } }>;
        mediaCheckAsync(options: { mediaUrl: string; mediaType: number; version: number; openid: string; scene: number }): Promise<{ traceId?: string; trace_id?: string; errCode?: number; errcode?: number }>;
      };
    };
  }
  const cloud: Cloud;
  export default cloud;
}
