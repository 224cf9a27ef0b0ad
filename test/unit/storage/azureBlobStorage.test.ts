import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { AzureBlobStorage, AzureStorageError } from '../../../src/storage/azureBlobStorage';
import { ETagConflictError } from '../../../src/storage/storage';
import { azuriteConnectionString, startAzurite, uniqueContainer, type Azurite } from '../../helpers/azurite';
import { storageContract } from './storageContract';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

/** A storage over a container of its own, and a raw client on the same container to look behind it. */
function fresh(label = 'storage'): { storage: AzureBlobStorage; raw: ContainerClient; container: string } {
  const container = uniqueContainer(label);
  return {
    storage: new AzureBlobStorage({ connectionString: azurite.connectionString, container }),
    raw: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(container),
    container,
  };
}

describe('AzureBlobStorage: the storage contract (against Azurite)', () => {
  storageContract({
    shared: true,
    open() {
      const container = uniqueContainer('contract');
      const open = () => new AzureBlobStorage({ connectionString: azurite.connectionString, container });
      const storage = open();
      return Promise.resolve({
        storage,
        async restart() {
          await storage.close();
          return open();
        },
        second: open,
      });
    },
  });
});

describe('AzureBlobStorage: blobs', () => {
  it('creates its container on first use, not before', async () => {
    const { storage, raw } = fresh();
    expect(await raw.exists()).toBe(false);
    expect(await storage.read(['a'])).toEqual({});
    expect(await raw.exists()).toBe(true);
  });

  it('stores each key as one JSON blob with an encoded name, whose ETag is the item eTag', async () => {
    const { storage, raw } = fresh();
    await storage.write({ 'tokens/T1:x': { n: 1, eTag: '*' } });
    const names: string[] = [];
    for await (const blob of raw.listBlobsFlat()) names.push(blob.name);
    expect(names).toEqual(['tokens%2FT1%3Ax']);
    const blob = raw.getBlockBlobClient('tokens%2FT1%3Ax');
    const properties = await blob.getProperties();
    expect(properties.contentType).toBe('application/json; charset=utf-8');
    expect((await blob.downloadToBuffer()).toString('utf8')).toBe('{"n":1}');
    expect(await storage.read(['tokens/T1:x'])).toEqual({ 'tokens/T1:x': { n: 1, eTag: properties.etag } });
  });

  it('leaves blobs it did not write out of listings', async () => {
    const { storage, raw } = fresh();
    await storage.write({ 'outbox/1': { n: 1 } });
    await raw.getBlockBlobClient('notes/README.txt').upload('hi', 2);
    expect(await storage.list('')).toEqual(['outbox/1']);
  });

  it('names the key, blob and container of an unreadable item, and other keys keep working', async () => {
    const { storage, raw, container } = fresh();
    await storage.write({ good: { n: 1 }, bad: { n: 2 } });
    await raw.getBlockBlobClient('bad').upload('{"n":', 5);
    const failure = storage.read(['bad']);
    await expect(failure).rejects.toThrow(AzureStorageError);
    await expect(failure).rejects.toThrow(
      `AzureBlobStorage: the item "bad" (blob "bad" in container "${container}") is unreadable (invalid JSON`,
    );
    await raw.getBlockBlobClient('bad').upload('[1]', 3);
    await expect(storage.read(['bad'])).rejects.toThrow('is not a JSON object; fix or delete that blob.');
    expect(await storage.read(['good'])).toEqual({ good: { n: 1, eTag: expect.any(String) as string } });
  });

  it("reports a service failure with the key, the container and Azure's status and code, not as a conflict", async () => {
    const container = uniqueContainer('denied');
    const wrongKey = Buffer.alloc(64, 1).toString('base64');
    const storage = new AzureBlobStorage({ connectionString: azuriteConnectionString(azurite.blobEndpoint, wrongKey), container });
    const failure = storage.write({ 'tokens/t1': { n: 1, eTag: 'e' } });
    await expect(failure).rejects.toThrow(AzureStorageError);
    await expect(failure).rejects.not.toThrow(ETagConflictError);
    await expect(failure).rejects.toThrow(
      `AzureBlobStorage: writing "tokens/t1" in container "${container}" failed: 403 AuthorizationFailure: Server failed to authenticate the request.`,
    );
    await expect(storage.list('tokens/')).rejects.toThrow(
      `AzureBlobStorage: listing the keys that start with "tokens/" in container "${container}" failed: 403 AuthorizationFailure`,
    );
  });
});
