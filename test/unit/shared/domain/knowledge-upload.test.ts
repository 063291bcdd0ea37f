import { describe, expect, it } from 'vitest';
import { KnowledgeUpload, knowledgeUploadFormat } from '../../../../shared/domain/knowledge-upload';

const upload = { uploadId: 'u1', knowledgeBaseId: 'kb_aaaaaaaaaaaaaaaa', path: 'hr/leave.pdf', data: 'JVBERi0xLjQ=' };

describe('knowledge uploads', () => {
  it('tell a file’s format by its extension, in any case, and refuse the others', () => {
    expect(knowledgeUploadFormat('hr/Leave.PDF')).toBe('pdf');
    expect(knowledgeUploadFormat('onboarding.docx')).toBe('docx');
    expect(knowledgeUploadFormat('notes.markdown')).toBe('text');
    expect(knowledgeUploadFormat('a.txt')).toBe('text');
    expect(knowledgeUploadFormat('old.doc')).toBeNull();
    expect(knowledgeUploadFormat('.md')).toBeNull();
    expect(knowledgeUploadFormat('folder.pdf/readme')).toBeNull();
    expect(knowledgeUploadFormat('constructor')).toBeNull();
  });

  it('take base64 bytes under a document path, and nothing else', () => {
    expect(KnowledgeUpload.safeParse(upload).success).toBe(true);
    expect(KnowledgeUpload.safeParse({ ...upload, data: 'not base64!' }).success).toBe(false);
    expect(KnowledgeUpload.safeParse({ ...upload, path: '../escape.pdf' }).success).toBe(false);
    expect(KnowledgeUpload.safeParse({ ...upload, path: 'image.png' }).success).toBe(false);
    expect(KnowledgeUpload.safeParse({ ...upload, knowledgeBaseId: 'prj_aaaaaaaaaaaaaaaa' }).success).toBe(false);
    expect(KnowledgeUpload.safeParse({ ...upload, extra: 1 }).success).toBe(false);
  });
});
