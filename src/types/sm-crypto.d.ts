/** The part of sm-crypto (SM2 in pure JavaScript) hisops uses; the package ships no types. */
declare module 'sm-crypto' {
  interface SignOptions {
    der?: boolean;
    hash?: boolean;
    publicKey?: string;
    userId?: string;
  }
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    verifyPublicKey(publicKey: string): boolean;
    doSignature(msg: string | number[], privateKey: string, opts?: SignOptions): string;
    doVerifySignature(
      msg: string | number[],
      signHex: string,
      publicKey: string,
      opts?: Omit<SignOptions, 'publicKey'>,
    ): boolean;
  };
}
