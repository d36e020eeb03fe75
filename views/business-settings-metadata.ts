/** The business settings modal's private_metadata: which workspace, and which tenant version is edited. */

export interface BusinessMetadata {
  teamId: string;
  /** Set when editing: the stored tenant and the version the modal was opened at. */
  tenantId?: string;
  version?: number;
}

export function encodeBusinessMetadata(metadata: BusinessMetadata): string {
  return JSON.stringify(metadata);
}

/** The metadata, or undefined when it is not one this app wrote. */
export function decodeBusinessMetadata(text: string | undefined): BusinessMetadata | undefined {
  try {
    const data = JSON.parse(text ?? '') as Record<string, unknown>;
    if (typeof data.teamId !== 'string') return undefined;
    if (data.tenantId !== undefined && typeof data.tenantId !== 'string') return undefined;
    if (data.version !== undefined && !Number.isInteger(data.version)) return undefined;
    return data as unknown as BusinessMetadata;
  } catch {
    return undefined;
  }
}
