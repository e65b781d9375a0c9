import cloud from 'wx-server-sdk';
import { wechatSubmitImage } from './wechatImageCheck';
import { wechatTextAllowed } from './wechatTextCheck';

// The CloudBase content checks call cloud.openapi with what WeChat's content checks require: a public URL
// for the image (a fileID is not one), v2 of both checks, and the scene of the text.
jest.mock('wx-server-sdk', () => ({
  __esModule: true,
  default: {
    getTempFileURL: jest.fn(async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((fileID) => ({ fileID, tempFileURL: `https://tmp.example/${fileID.slice(-5)}`, status: 0 })) })),
    openapi: {
      security: {
        mediaCheckAsync: jest.fn(async () => ({ errCode: 0, traceId: 'trace-123' })),
        msgSecCheck: jest.fn(async ({ content }: { content: string }) => ({ result: { suggest: content.includes('不行') ? 'risky' : 'pass' } })),
      },
    },
  },
}));

const sdk = cloud as unknown as {
  getTempFileURL: jest.Mock;
  openapi: { security: { mediaCheckAsync: jest.Mock; msgSecCheck: jest.Mock } };
};

it('submits an image by its temporary URL and answers the trace id', async () => {
  await expect(wechatSubmitImage('cloud://env/notes/a.jpg', 'o-1')).resolves.toBe('trace-123');
  expect(sdk.getTempFileURL).toHaveBeenCalledWith({ fileList: ['cloud://env/notes/a.jpg'] });
  expect(sdk.openapi.security.mediaCheckAsync).toHaveBeenCalledWith({ mediaUrl: 'https://tmp.example/a.jpg', mediaType: 2, version: 2, openid: 'o-1', scene: 4 });
});

it('fails loudly when WeChat gives no trace id', async () => {
  sdk.openapi.security.mediaCheckAsync.mockResolvedValueOnce({ errCode: 87014 });
  await expect(wechatSubmitImage('cloud://env/notes/b.jpg', 'o-1')).rejects.toThrow(/87014/);
});

it('checks text with msgSecCheck v2 in its scene, after the local word list', async () => {
  await expect(wechatTextAllowed('晨跑小王', 'o-1', 'profile')).resolves.toBe(true);
  expect(sdk.openapi.security.msgSecCheck).toHaveBeenLastCalledWith({ openid: 'o-1', scene: 1, version: 2, content: '晨跑小王' });
  await expect(wechatTextAllowed('这样不行', 'o-1', 'social')).resolves.toBe(false);
  sdk.openapi.security.msgSecCheck.mockClear();
  await expect(wechatTextAllowed('刷单', 'o-1')).resolves.toBe(false);
  expect(sdk.openapi.security.msgSecCheck).not.toHaveBeenCalled();
});
